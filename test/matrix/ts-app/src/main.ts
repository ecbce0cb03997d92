import page from './templates/index.mako'
import type { Item } from './types'

const items: Item[] = [{ name: 'tea', price: 3.5 }]

// the README's example
document.body.innerHTML = page.render({ items })
// a def the template itself never calls: rendered from here
document.body.insertAdjacentHTML('beforeend', page.getDef('summary').render(items.length))
