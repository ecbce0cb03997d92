// Mako conformance suite: every case renders through the public Node API,
// new TemplateLookup(options).putString(uri, text) then getTemplate(uri).render(data).
import { conformanceSuite } from './runner.js'

conformanceSuite('render')
