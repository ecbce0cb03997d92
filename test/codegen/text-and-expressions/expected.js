import * as __M from "vite-plugin-mako/runtime";
const __M_U = __M.UNDEFINED;
const __M_uri = "text-and-expressions.mako";
function __M_render_body(__M_ctx, pageargs = {}) {
  const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';
  try {
    let fmt = __M.get(__M_ctx._data, "fmt");
    let raw = __M.get(__M_ctx._data, "raw");
    let user = __M.get(__M_ctx._data, "user");
    let title = "title" in pageargs ? pageargs.title : __M.argMissing("title", __M_uri);
    __M_t = "\n<h1>"; __M_o += __M_t + __M.h((title === undefined ? __M.undef("title", __M_uri, 2, __M_ctx._data, pageargs) : title)) + "</h1>\n<p>"; __M_t = ''; __M_o += __M.trim(__M.h(__M.chk(user, "user", __M_uri, 3, __M_ctx._data).name)) + " "; __M_o += __M.s((raw === undefined ? __M.undef("raw", __M_uri, 3, __M_ctx._data) : raw)) + " ";
    __M_b.s += __M_o; __M_o = '';
    const __M_v0 = __M.h(fmt(user));
    __M_o += __M_v0 + "</p>\n";
    __M_b.s += __M_o; __M_o = '';
  } catch (__M_e) { __M_b.s += __M_o + __M_t; throw __M_e; }
  return '';
}
const __M_template = __M.defineTemplate({
  uri: __M_uri,
  starttime: 0,
  digest: "b3b1778ac2b30e3f",
  async: false,
  body: __M_render_body,
  defs: {  },
  params: {  },
  pageArgs: ["title"],
  blocks: [],
  reserved: ["context","loop","UNDEFINED","STOP_RENDERING"],
  noSelf: true,
});
export default __M_template;
