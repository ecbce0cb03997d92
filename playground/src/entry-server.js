// SSR entry: routes a URL to a page template and renders it (ssrLoadModule in dev, dist/server in production).
import index from './templates/pages/index.mako'
import about from './templates/pages/about.mako'

const pages = {
  '/': { template: index, section: 'Home', title: 'Hello from Mako' },
  '/about': { template: about, section: 'About', title: 'About' },
}

const nav = [
  { href: '/', label: 'Home' },
  { href: '/about', label: 'About' },
]

let backendReady
async function cacheBackend() {
  // the Redis backend registers itself when its entry is imported; only load it when asked for
  if (process.env.MAKO_CACHE === 'redis') {
    backendReady ??= import('vite-plugin-mako/cache/redis')
    await backendReady
    return 'redis'
  }
  return 'memory'
}

/** The page's HTML, or null when no page matches the path. */
export async function render(path, { clientEntry }) {
  const page = pages[path]
  if (!page) return null
  return await page.template.render({
    path,
    nav,
    section: page.section,
    title: page.title,
    items: ['alpha', 'beta', 'gamma'],
    tipKind: 'tip',
    clientEntry,
    cacheBackend: await cacheBackend(),
  })
}
