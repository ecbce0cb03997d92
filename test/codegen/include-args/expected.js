import * as __M from "vite-plugin-mako/runtime";
const __M_U = __M.UNDEFINED;
const __M_uri = "include-args.mako";
function __M_render_body(__M_ctx, pageargs = {}) {
  const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';
  try {
    let extra = __M.get(__M_ctx._data, "extra");
    let page = __M.get(__M_ctx._data, "page");
    let part = __M.get(__M_ctx._data, "part");
    const __M_v0 = __M.include(__M_ctx, __M_template, "header.mako", { "title": (page.title), "n": (3) }, 1);
    __M_o += __M_v0 + "\n";
    __M_b.s += __M_o; __M_o = '';
    const __M_v1 = __M.include(__M_ctx, __M_template, __M.s((part)) + ".mako", { ...extra }, 2);
    __M_o += __M_v1 + "\n";
    __M_b.s += __M_o; __M_o = '';
  } catch (__M_e) { __M_b.s += __M_o + __M_t; throw __M_e; }
  return '';
}
const __M_template = __M.defineTemplate({
  uri: __M_uri,
  starttime: 0,
  digest: "76f50b181bb1b0eb",
  async: false,
  body: __M_render_body,
  defs: {  },
  params: {  },
  blocks: [],
  reserved: ["context","loop","UNDEFINED","STOP_RENDERING"],
  staticDeps: ["header.mako"],
});
export default __M_template;
