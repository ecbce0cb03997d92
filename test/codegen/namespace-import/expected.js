import * as __M from "vite-plugin-mako/runtime";
const __M_U = __M.UNDEFINED;
const __M_uri = "namespace-import.mako";
function __M_render_body(__M_ctx, pageargs = {}) {
  const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';
  try {
    let helper = __M.getStar(__M_ctx, __M_template, "helper");
    const card = __M.namespace(__M_ctx, __M_template, "lib")["card"];
    const lib = __M.namespace(__M_ctx, __M_template, "lib");
    const row = __M.namespace(__M_ctx, __M_template, "lib")["row"];
    __M_o += "\n\n";
    __M_b.s += __M_o; __M_o = '';
    const __M_v0 = __M.h(card(1));
    __M_o += __M_v0 + " ";
    __M_b.s += __M_o; __M_o = '';
    const __M_v1 = __M.h(row(2));
    __M_o += __M_v1 + " ";
    __M_b.s += __M_o; __M_o = '';
    const __M_v2 = __M.h(lib.other());
    __M_o += __M_v2 + " ";
    __M_b.s += __M_o; __M_o = '';
    const __M_v3 = __M.h(helper());
    __M_o += __M_v3 + "\n";
    __M_b.s += __M_o; __M_o = '';
  } catch (__M_e) { __M_b.s += __M_o + __M_t; throw __M_e; }
  return '';
}
const __M_template = __M.defineTemplate({
  uri: __M_uri,
  starttime: 0,
  digest: "728d69d5703f0dc0",
  async: false,
  body: __M_render_body,
  defs: {  },
  params: {  },
  blocks: [],
  reserved: ["context","loop","UNDEFINED","STOP_RENDERING"],
  namespaces: [{ name: "lib", line: 1, file: "lib.mako", import: ["card","row"] }, { name: "__M_anon_ns_1", line: 2, file: "helpers.mako", import: "*" }],
  staticDeps: ["lib.mako","helpers.mako"],
});
export default __M_template;
