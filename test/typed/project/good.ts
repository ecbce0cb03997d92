// Right data for the templates' page args and defs: tsc passes.
import page from './page.mako'
import plain from './plain.mako'

const items = [{ name: 'a', price: 1 }]
document.body.innerHTML = page.render({ title: 'T', items })
const short: string = page.render({ title: 'T', mode: 'short' })
const row: string = page.getDef('row').render(items[0], 2)
const any: string = plain.render({ x: 1, anything: true })
const none: string = plain.render()
const stream: ReadableStream<string> = page.stream({ title: 'x' })
void [short, row, any, none, stream]
