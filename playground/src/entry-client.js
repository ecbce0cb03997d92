// Browser entry: renders widget.mako into #widget and re-renders when the template hot-updates.
import widget from './templates/widget.mako'

const el = document.getElementById('widget')
const state = { items: ['alpha', 'beta', 'gamma'], clicks: 0 }

async function paint() {
  // a template compiled with `async: true` returns a Promise; await covers both
  if (el) el.innerHTML = await widget.render(state)
}

el?.addEventListener('click', (event) => {
  if (event.target instanceof Element && event.target.id === 'bump') {
    state.clicks++
    paint()
  }
})

// the module object stays the same across hot updates; onUpdate says when to re-render.
// TODO(runtime): onUpdate listeners run inside defineTemplate, before the new module has
// finished evaluating (its `__M_template` is still in the TDZ), so rendering there throws;
// the runtime should notify in a microtask. Until then, re-render one microtask later.
widget.onUpdate(() => queueMicrotask(paint))
paint()
