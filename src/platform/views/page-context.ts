export interface NavLink {
  href: string;
  label: string;
}

export interface Site {
  programmeName: string;
  universityName: string;
  programmeEmail: string;
}

// What every page needs from the request, gathered once by reply.render.
export interface PageContext {
  site: Site;
  actor: { name: string; roles: readonly string[] } | null;
  csrfToken: string;
  path: string;
  notice: string | null;
  nav: NavLink[];
  timeZone: string;
}
