import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { WorldMap, worldBaseSvg, type MapMarker, type WorldMapProps } from './WorldMap.tsx';

const OFFICES: MapMarker[] = [
  { id: 'geneva', lat: 46.20222, lng: 6.14569, label: 'Geneva: 1 post', href: '/offices/geneva' },
  { id: 'nairobi', lat: -1.28333, lng: 36.81667, label: 'Nairobi: 3 posts', href: '/offices/nairobi', count: 3 },
  { id: 'maputo', lat: -25.96553, lng: 32.58322, label: 'Maputo: 12 posts', href: '/offices/maputo', count: 12 },
  { id: 'vientiane', lat: 17.96667, lng: 102.6, label: 'Vientiane: 2 posts', href: '/offices/vientiane', count: 2 },
];

function render(props: Partial<WorldMapProps> & { markers: MapMarker[] }): string {
  return renderToString(WorldMap({ title: 'Partner offices', description: 'Four offices on three continents.', ...props }));
}

function viewBox(html: string): [number, number, number, number] {
  const match = /<svg[^>]* viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(html);
  assert.ok(match, 'the svg has a viewBox');
  return [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])];
}

// where each marker is placed (its group's or link's translate)
function dots(html: string): { x: number; y: number }[] {
  return [...html.matchAll(/class="map-marker"[^>]* transform="translate\(([-\d.]+) ([-\d.]+)\)"/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
}

test('a map without links is a labelled image: role img, title and desc named by id', () => {
  const html = render({ id: 'offices-map', markers: OFFICES.map(({ href: _href, ...marker }) => marker) });
  assert.match(html, /^<svg [^>]*role="img"/);
  assert.match(html, /aria-labelledby="offices-map-title offices-map-desc"/);
  assert.match(html, /<title id="offices-map-title">Partner offices<\/title>/);
  assert.match(html, /<desc id="offices-map-desc">Four offices on three continents.<\/desc>/);
  assert.match(html, /width="100%"/);
  assert.doesNotMatch(html, /<a /);
  assert.doesNotMatch(html, /<script/);
  // the land and borders are there, drawn once and reused
  assert.match(html, /<image class="map__base" href="\/assets\/world-base.svg" x="0" y="0" width="960" height="\d+" aria-hidden="true"><\/image>/);
  assert.ok(html.length < 3000, `a map of a few markers stays small (${html.length} bytes)`);
  const base = worldBaseSvg();
  assert.match(base, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 960 \d+"/);
  assert.match(base, /<path fill="#cfd8dc" stroke="#8a99a3" stroke-width="0.5" d="M[^"]{1000,}"\/>/);
});

test('markers with links are named, keyboard-reachable links inside a labelled group', () => {
  const html = render({ id: 'm', markers: OFFICES });
  // role img would hide the links from assistive technology (its children are presentational)
  assert.match(html, /^<svg [^>]*role="group"[^>]*aria-labelledby="m-title"[^>]*aria-describedby="m-desc"/);
  for (const office of OFFICES) {
    const link = new RegExp(`<a class="map-marker" href="${office.href}" transform="translate\\([-\\d.]+ [-\\d.]+\\)"><title>${office.label}</title>`);
    assert.match(html, link, `${office.id} is a link with its label`);
  }
  assert.equal((html.match(/<a /g) ?? []).length, OFFICES.length);
  assert.match(html, />3<\/text>/);
  assert.match(html, />12<\/text>/);
  assert.equal((html.match(/<text /g) ?? []).length, 3, 'a number only where the count is more than 1');
  // the numbers take their anchor and size from the markers' group; three digits are smaller
  assert.match(html, /<g class="map__markers" text-anchor="middle" font-size="11">/);
  assert.match(html, /<text class="map-marker__count" dy="0.35em" aria-hidden="true">12<\/text>/);
  const busy = render({ markers: [{ id: 'b', lat: 0, lng: 0, label: 'Busy: 120 posts', href: '/b', count: 120 }] });
  assert.match(busy, /<text class="map-marker__count" dy="0.35em" font-size="8" aria-hidden="true">120<\/text>/);
});

test('labels and titles are escaped, and only same-site or http(s) links are made', () => {
  const html = render({
    title: 'Offices <b>',
    markers: [
      { id: 'x', lat: 0, lng: 0, label: 'Evil <script>alert(1)</script> & co', href: '/x?a=1&b="2"' },
      { id: 'y', lat: 10, lng: 10, label: 'Not a link', href: 'javascript:alert(1)' },
      { id: 'z', lat: 20, lng: 20, label: 'Protocol-relative', href: '//evil.example/' },
    ],
  });
  assert.doesNotMatch(html, /<script>/);
  assert.match(html, /<title>Evil &lt;script>alert\(1\)&lt;\/script> &amp; co<\/title>/);
  assert.match(html, /<title id="world-map-title">Offices &lt;b><\/title>/);
  assert.match(html, /href="\/x\?a=1&amp;b=&quot;2&quot;"/);
  assert.doesNotMatch(html, /javascript:/);
  assert.doesNotMatch(html, /evil\.example/);
  assert.equal((html.match(/<a /g) ?? []).length, 1);
  // the unlinked markers are still named images inside the group
  assert.match(html, /<g class="map-marker" role="img" transform="translate\([-\d.]+ [-\d.]+\)"><title>Not a link<\/title>/);
});

test('markers are placed inside the viewBox, where their places are', () => {
  const html = render({ markers: [...OFFICES, { id: 'south', lat: -77.85, lng: 166.67, label: 'McMurdo' }] });
  const [x0, y0, width, height] = viewBox(html);
  const placed = dots(html);
  assert.equal(placed.length, OFFICES.length + 1);
  for (const { x, y } of placed) assert.ok(x >= x0 && x <= x0 + width && y >= y0 && y <= y0 + height, `${x},${y} inside`);
  const [geneva, nairobi, maputo, vientiane] = placed;
  assert.ok(geneva && nairobi && maputo && vientiane);
  assert.ok(geneva.y < vientiane.y && vientiane.y < nairobi.y && nairobi.y < maputo.y, 'north to south');
  assert.ok(geneva.x < nairobi.x && nairobi.x < vientiane.x, 'west to east');
  assert.ok(Math.abs(geneva.x - width / 2) < 30, 'Geneva lies near the central meridian');
});

test('a focus crops the map around the place, and leaves out markers outside the crop', () => {
  const world = viewBox(render({ markers: OFFICES }));
  const html = render({ id: 'nairobi-map', size: 'small', focus: { lat: -1.28333, lng: 36.81667 }, markers: OFFICES });
  const crop = viewBox(html);
  assert.notDeepEqual(crop, world);
  assert.ok(crop[2] < world[2] / 4 && crop[3] < world[3] / 4, 'much smaller than the world');
  assert.match(html, /class="map map--small map--focus"/);
  const placed = dots(html);
  assert.equal(placed.length, 1, 'only Nairobi is in the crop');
  const [nairobi] = placed;
  assert.ok(nairobi);
  assert.ok(Math.abs(nairobi.x - (crop[0] + crop[2] / 2)) < 1 && Math.abs(nairobi.y - (crop[1] + crop[3] / 2)) < 1, 'centred on the focus');
  assert.match(html, /href="\/offices\/nairobi"/);
  assert.doesNotMatch(html, /href="\/offices\/geneva"/);
  // near the edge of the map the crop stays inside it
  const edge = viewBox(render({ focus: { lat: 80, lng: 179 }, markers: [] }));
  assert.ok(edge[0] + edge[2] <= world[2] + 0.1 && edge[1] >= 0);
});

test('ids are unique per map, and unsafe characters are replaced', () => {
  const a = render({ id: 'map-a', markers: [] });
  const b = render({ id: 'map-b', markers: [] });
  assert.match(a, /id="map-a-title"/);
  assert.match(b, /id="map-b-title"/);
  assert.match(render({ id: '1 "x"', markers: [] }), /id="map-1--x--title"/);
});
