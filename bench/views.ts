// Two pieces of the pages that run on every request and must stay cheap, timed here rather than in
// the tests: the city finder's search (the office form, without JavaScript) and the world map with
// the catalogue's 200 office markers.
import { renderToString } from 'preact-render-to-string';
import { preloadGazetteer, searchCities } from '../src/platform/geo/gazetteer.ts';
import { WorldMap, type MapMarker } from '../src/platform/geo/WorldMap.tsx';
import { round, type Figures } from './results.ts';

const SEARCH_TARGET_MS = 5;
const MAP_TARGET_MS = 2;
const MAP_MARKERS = 200;
const QUERIES = ['s', 'sa', 'san', 'b', 'lon', 'gen', 'nai', 'new', 'st', 'a', 'zu', 'vien', 'map', 'par', 'ber', 'mos', 'kin', 'dar', 'e', 'm'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timed(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

export function runViews(log: (line: string) => void): Figures {
  const { cities, loadMs } = preloadGazetteer();
  for (const q of QUERIES) searchCities(q, { limit: 10 });
  const searches: number[] = [];
  for (let pass = 0; pass < 5; pass++) for (const q of QUERIES) searches.push(timed(() => searchCities(q, { limit: 10 })));
  const search = median(searches);
  log(`city search: ${cities.toLocaleString('en-GB')} cities loaded in ${Math.round(loadMs)} ms; median ${search.toFixed(2)} ms of ${searches.length} searches`);

  // markers spread over the inhabited latitudes, as the catalogue's offices are
  const markers: MapMarker[] = Array.from({ length: MAP_MARKERS }, (_, i) => ({
    id: `office-${i}`,
    lat: -40 + ((i * 37) % 100),
    lng: -170 + ((i * 113) % 340),
    label: `Office ${i + 1}, City ${i + 1}, Country: ${1 + (i % 30)} posts`,
    href: `/posts?office=00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    count: 1 + (i % 30),
  }));
  const render = () => renderToString(WorldMap({ title: 'Map of the duty stations', description: `${MAP_MARKERS} duty stations`, markers }));
  const bytes = render().length;
  for (let i = 0; i < 20; i++) render();
  const renders = Array.from({ length: 101 }, () => timed(render));
  const map = median(renders);
  log(`world map with ${MAP_MARKERS} markers: ${(bytes / 1024).toFixed(1)} KiB, median ${map.toFixed(2)} ms of ${renders.length} renders`);

  return {
    'views.city_search_median_ms': { value: round(search, 2), unit: 'ms', target: { op: '<', bound: SEARCH_TARGET_MS } },
    'views.map_200_markers_median_ms': { value: round(map, 2), unit: 'ms', target: { op: '<', bound: MAP_TARGET_MS } },
    'views.map_200_markers_kib': { value: round(bytes / 1024, 1), unit: 'KiB' },
  };
}
