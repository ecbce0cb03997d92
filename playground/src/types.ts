// The data the playground's templates take (their typed `<%page args>`), shared with the entries.

/** A link of the section layout's nav. */
export interface NavLink {
  href: string
  label: string
}

/** What every page renders with (src/entry-server.ts builds it). */
export interface PageData {
  path: string
  nav: NavLink[]
  section: string
  title: string
  items: string[]
  tipKind: string
  clientEntry: string
  viteHead: string
  generation: number
  /** the slow page's sidebar topics: 500 ms to come */
  slowTopics: () => Promise<string[]>
  cacheBackend: string
}

/** What the browser widget renders with (src/entry-client.ts). */
export interface WidgetData {
  items: string[]
  clicks: number
}
