// A world map drawn on the server as inline SVG: Natural Earth 1:110m countries (world-atlas) in the
// Equal Earth projection (d3-geo). The land, border and sea paths are projected once per process and
// reused, so a render only places the markers. No client JavaScript.
//
// Accessibility: the page lists the same places in text, so the map is a labelled picture. An SVG with
// role="img" hides its children from assistive technology (ARIA: children presentational), which would
// hide marker links, so a map with links is a named group (title and desc) whose links each have a name;
// a map without links is role="img".
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoEqualEarth, geoPath, type GeoProjection } from 'd3-geo';
import { merge, mesh } from 'topojson-client';
import type { GeometryObject, MultiPolygon, Objects, Polygon, Topology } from 'topojson-specification';

export interface MapMarker {
  id: string;
  lat: number;
  lng: number;
  /** Accessible name of the marker (and its tooltip): say what a count stands for, e.g. "Nairobi: 3 posts". */
  label: string;
  /** Same-site path or http(s) URL; any other scheme is dropped and the marker is not a link. */
  href?: string | undefined;
  /** Shown inside the marker when more than 1. */
  count?: number | undefined;
}

export interface WorldMapProps {
  /** Prefix for the ids of the title and description: unique on the page. */
  id?: string | undefined;
  title: string;
  description: string;
  markers: MapMarker[];
  /** Crop the map around this point (a small map of one office). */
  focus?: { lat: number; lng: number } | undefined;
  size?: 'wide' | 'small' | undefined;
}

interface Geometry {
  projection: GeoProjection;
  width: number;
  height: number;
  sea: string;
  land: string;
  borders: string;
}

type Atlas = Topology<Objects>;
type Area = Polygon | MultiPolygon;

const WIDTH = 960;
// the crop below the southern tip of South America: Antarctica left out, it would take a fifth of the map
const SOUTH_LIMIT = -57;
const ANTARCTICA = '010';
// the focus view: about 36 degrees of longitude at the equator, 4:3
const FOCUS_WIDTH = 96;
const FOCUS_HEIGHT = 72;
// the width in CSS pixels a variant is drawn at (outbound.css), so markers keep a constant size on screen
const DISPLAY_WIDTH = { wide: 960, small: 480 } as const;
const MARKER_PX = 6;
const COUNTED_MARKER_PX = 10;
const HIT_PX = 12;

let geometry: Geometry | undefined;

function isAtlas(value: unknown): value is Atlas {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; arcs?: unknown; objects?: unknown };
  return v.type === 'Topology' && Array.isArray(v.arcs) && typeof v.objects === 'object' && v.objects !== null;
}

function isArea(g: GeometryObject): g is Area {
  return g.type === 'Polygon' || g.type === 'MultiPolygon';
}

function loadGeometry(): Geometry {
  if (geometry) return geometry;
  const require = createRequire(import.meta.url);
  const atlas: unknown = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
  const countries = isAtlas(atlas) ? atlas.objects['countries'] : undefined;
  if (!isAtlas(atlas) || countries?.type !== 'GeometryCollection') throw new Error('world-atlas/countries-110m.json: no countries in the topology');
  const projection = geoEqualEarth().fitWidth(WIDTH, { type: 'Sphere' });
  // one decimal of a 960-unit map is finer than a screen pixel, and keeps the page light
  const path = geoPath(projection).digits(1);
  const inhabited = countries.geometries.filter((g): g is Area => isArea(g) && String(g.id) !== ANTARCTICA);
  const bottom = projection([0, SOUTH_LIMIT])?.[1] ?? 420;
  geometry = {
    projection,
    width: WIDTH,
    height: Math.ceil(bottom),
    sea: path({ type: 'Sphere' }) ?? '',
    land: path(merge(atlas, inhabited)) ?? '',
    borders: path(mesh(atlas, countries, (a, b) => a !== b)) ?? '',
  };
  return geometry;
}

/** Projects once now (e.g. at start-up) rather than in the first request that draws a map. */
export function preloadWorldMap(): void {
  loadGeometry();
}

// The sea, land and borders are the same on every map: one cacheable file that each map
// shows as an image under its markers, so a page carries only its markers.
export const BASE_MAP_PATH = '/assets/world-base.svg';

export function worldBaseSvg(): string {
  const geo = loadGeometry();
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${geo.width} ${geo.height}" width="${geo.width}" height="${geo.height}">` +
    `<path fill="#e6f0f6" stroke="#8a99a3" stroke-width="1" d="${geo.sea}"/>` +
    `<path fill="#cfd8dc" stroke="#8a99a3" stroke-width="0.5" d="${geo.land}"/>` +
    `<path fill="none" stroke="#ffffff" stroke-width="0.75" d="${geo.borders}"/>` +
    `</svg>`
  );
}

function safeHref(href: string | undefined): string | undefined {
  if (!href) return undefined;
  if (/^\/(?!\/)/.test(href) || /^#/.test(href) || /^https?:\/\//i.test(href)) return href;
  return undefined;
}

function safeId(id: string | undefined): string {
  const cleaned = (id ?? 'world-map').replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `map-${cleaned}`;
}

interface ViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

function focusBox(geo: Geometry, at: { lat: number; lng: number }): ViewBox {
  const [cx = geo.width / 2, cy = geo.height / 2] = geo.projection([at.lng, at.lat]) ?? [];
  const x = Math.min(Math.max(cx - FOCUS_WIDTH / 2, 0), geo.width - FOCUS_WIDTH);
  const y = Math.min(Math.max(cy - FOCUS_HEIGHT / 2, 0), geo.height - FOCUS_HEIGHT);
  return { x: round(x), y: round(y), width: FOCUS_WIDTH, height: FOCUS_HEIGHT };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

// SVG's <a> takes a transform; Preact types <a> as HTML's, which has none
function svgPlacement(transform: string): Record<string, string> {
  return { transform };
}

export function WorldMap(props: WorldMapProps) {
  const geo = loadGeometry();
  const size = props.size ?? 'wide';
  const id = safeId(props.id);
  const box: ViewBox = props.focus ? focusBox(geo, props.focus) : { x: 0, y: 0, width: geo.width, height: geo.height };
  // user units per CSS pixel at the variant's nominal width
  const unit = box.width / DISPLAY_WIDTH[size];

  const placed = props.markers.flatMap((marker) => {
    if (!Number.isFinite(marker.lat) || !Number.isFinite(marker.lng)) return [];
    const point = geo.projection([marker.lng, marker.lat]);
    if (!point) return [];
    const counted = (marker.count ?? 0) > 1;
    const r = (counted ? COUNTED_MARKER_PX : MARKER_PX) * unit;
    const x = point[0];
    let y = point[1];
    if (props.focus) {
      // a marker outside the crop would be an invisible link in the tab order
      if (x < box.x || x > box.x + box.width || y < box.y || y > box.y + box.height) return [];
    } else {
      // far south (below the crop): pin to the bottom edge
      y = Math.min(y, box.y + box.height - r);
    }
    return [{ marker, x: round(x), y: round(y), r: round(r), counted, href: safeHref(marker.href) }];
  });
  const interactive = placed.some((p) => p.href);
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const hit = round(HIT_PX * unit);

  return (
    <svg
      class={`map map--${size}${props.focus ? ' map--focus' : ''}`}
      id={id}
      viewBox={`${box.x} ${box.y} ${box.width} ${box.height}`}
      width="100%"
      role={interactive ? 'group' : 'img'}
      aria-labelledby={interactive ? titleId : `${titleId} ${descId}`}
      aria-describedby={interactive ? descId : undefined}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={titleId}>{props.title}</title>
      <desc id={descId}>{props.description}</desc>
      <image class="map__base" href={BASE_MAP_PATH} x="0" y="0" width={geo.width} height={geo.height} aria-hidden="true" />
      {/* A catalogue map has hundreds of markers: each is placed once (transform) and takes the
          text's anchor and size from the group, which keeps the page some 25 KB lighter. */}
      <g class="map__markers" text-anchor="middle" font-size={round(11 * unit)}>
        {placed.map(({ marker, x, y, r, counted, href }) => {
          const shape = [
            <circle class="map-marker__hit" r={round(Math.max(hit, r + 4 * unit))} />,
            <circle class="map-marker__dot" r={r} />,
            counted && (
              <text class="map-marker__count" dy="0.35em" font-size={(marker.count ?? 0) >= 100 ? round(8 * unit) : undefined} aria-hidden="true">
                {String(marker.count)}
              </text>
            ),
          ];
          const at = `translate(${x} ${y})`;
          return href ? (
            <a class="map-marker" href={href} {...svgPlacement(at)} key={marker.id}>
              <title>{marker.label}</title>
              {shape}
            </a>
          ) : (
            <g class="map-marker" role={interactive ? 'img' : undefined} transform={at} key={marker.id}>
              <title>{marker.label}</title>
              {shape}
            </g>
          );
        })}
      </g>
    </svg>
  );
}
