// The conformance suite read through stream() (SPEC 12): for every case, sync and async, the
// streamed chunks join to exactly the output render() gives, and errors are the same errors.
import { conformanceSuite } from './runner.js'

conformanceSuite('stream')
