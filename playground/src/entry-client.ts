// Browser entry: renders widget.mako into #widget and re-renders when the template hot-updates.
import widget from './templates/widget.mako'
import type { WidgetData } from './types'

const el = document.getElementById('widget')
const state: WidgetData = { items: ['alpha', 'beta', 'gamma'], clicks: 0 }

async function paint(): Promise<void> {
  // a template compiled with `async: true` returns a Promise; await covers both
  if (el) el.innerHTML = await widget.render(state)
}

el?.addEventListener('click', (event) => {
  if (event.target instanceof Element && event.target.id === 'bump') {
    state.clicks++
    void paint()
  }
})

// the module object stays the same across hot updates; onUpdate says when to re-render
// (the runtime calls it once the new module has finished evaluating).
widget.onUpdate(() => void paint())
void paint()
