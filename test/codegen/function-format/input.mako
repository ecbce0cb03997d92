<%! import { fmt } from "./fmt.js" %>
<%def name="row(r)">${fmt(r)}</%def>
% for r in rows:
${row(r)}
% endfor
