import { createLru } from '../../platform/cache/lru.ts';
import type { CataloguePage, PostPage } from './catalogue.service.ts';
import { renderCatalogueParts, type CatalogueParts } from './views/CataloguePage.tsx';
import { renderPostParts, type PostParts } from './views/CataloguePostPage.tsx';

const MAX_PAGES = 200;

// Rendering the catalogue (a map of ~200 markers, the duty-station list, 20 posts) is most of a
// request's CPU, and every viewer sees the same. The parts that do not depend on the viewer are
// kept as HTML. Why that is safe: the service's cache key holds the catalogue version (it moves
// with every write to posts, rounds, offices, units and organisations), the ids of the rounds
// open at this moment (so a round opening or closing by the clock changes the key) and the
// normalised query; results only for the viewer (eligible=1) have no key and are never kept.
// The page around the parts (header with the user's name, sign-out token, eligibility notes)
// is rendered per request. The time zone the dates are shown in is part of the key too.
export function createCataloguePages(maxEntries = MAX_PAGES) {
  const lists = createLru<CatalogueParts>(maxEntries);
  const posts = createLru<PostParts>(maxEntries);
  return {
    listParts(result: CataloguePage, timeZone: string): CatalogueParts {
      const make = () => renderCatalogueParts(result, timeZone);
      return result.cacheKey === undefined ? make() : lists.getOrMake(`${timeZone}|${result.cacheKey}`, make);
    },
    postParts(page: PostPage, timeZone: string): PostParts {
      const make = () => renderPostParts(page.post, timeZone);
      return page.cacheKey === undefined ? make() : posts.getOrMake(`${timeZone}|${page.cacheKey}`, make);
    },
  };
}

export type CataloguePages = ReturnType<typeof createCataloguePages>;
