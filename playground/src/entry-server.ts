// SSR entry: routes a URL to a page template and renders it (ssrLoadModule in dev, dist/server in production).
import index from './templates/pages/index.mako'
import about from './templates/pages/about.mako'
import slow from './templates/pages/slow.mako'
import type { NavLink, PageData } from './types'
import type { PageEntry, RequestOptions } from '../server'

/** A page: its template and what the section layout shows for it. */
interface Page {
  /**
   * The template takes PageData: each one declares the part it reads in its `<%page args>`
   * (function-typed properties, so that TypeScript checks the data strictly).
   */
  template: { render: (data: PageData) => string | Promise<string>; stream: (data: PageData) => ReadableStream<string> }
  section: string
  title: string
}

const pages: Record<string, Page> = {
  '/': { template: index, section: 'Home', title: 'Hello from Mako' },
  '/about': { template: about, section: 'About', title: 'About' },
  '/slow': { template: slow, section: 'Slow', title: 'A slow fragment' },
}

const nav: NavLink[] = [
  { href: '/', label: 'Home' },
  { href: '/about', label: 'About' },
  { href: '/slow', label: 'Slow' },
]


let backendReady: Promise<unknown> | undefined
async function cacheBackend(): Promise<string> {
  // the Redis backend registers itself when its entry is imported; only load it when asked for
  if (process.env.MAKO_CACHE === 'redis') {
    backendReady ??= import('vite-plugin-mako/cache/redis')
    await backendReady
    return 'redis'
  }
  return 'memory'
}

/** `?cold` on /slow: the next render makes the sidebar again (a new cache key). */
let generation = 0

/** What a page renders with. */
async function pageData(path: string, page: Page, { clientEntry, viteHead = '', cold = false }: RequestOptions): Promise<PageData> {
  if (cold) generation++
  return {
    path,
    nav,
    section: page.section,
    title: page.title,
    items: ['alpha', 'beta', 'gamma'],
    tipKind: 'tip',
    clientEntry,
    viteHead,
    generation,
    // the slow page's sidebar data: 500 ms to come
    slowTopics: () => new Promise((resolve) => setTimeout(() => resolve(['streams', 'fragments', 'layouts']), 500)),
    cacheBackend: await cacheBackend(),
  }
}

/** The page's HTML, or null when no page matches the path. */
export const render: PageEntry['render'] = async (path, options) => {
  const page = pages[path]
  if (!page) return null
  return await page.template.render(await pageData(path, page, options))
}

/** The page's HTML as a ReadableStream<string> (SPEC 12), or null when no page matches the path. */
export const stream: PageEntry['stream'] = async (path, options) => {
  const page = pages[path]
  if (!page) return null
  return page.template.stream(await pageData(path, page, options))
}
