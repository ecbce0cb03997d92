import * as __M from "vite-plugin-mako/runtime";
const __M_U = __M.UNDEFINED;
const __M_uri = "buffered.mako";
function __M_render_body(__M_ctx, pageargs = {}) {
  const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';
  try {
    __M_o += "\n\n";
    __M_b.s += __M_o; __M_o = '';
    const __M_v0 = __M.trim(__M.h(__M_def_label(__M_ctx, 'a')));
    __M_o += __M_v0 + " ";
    __M_b.s += __M_o; __M_o = '';
    __M_def_shout(__M_ctx);
    __M_o += "\n";
    __M_b.s += __M_o; __M_o = '';
  } catch (__M_e) { __M_b.s += __M_o + __M_t; throw __M_e; }
  return '';
}
function __M_def_label(__M_ctx, x) {
  const __M_nc = __M_ctx._r.nc; __M_ctx._r.nc = undefined;
  const __M_outer = __M_ctx._r.buf, __M_w = { s: '' };
  __M_ctx._r.buf = __M_w;
  try {
    const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';
    __M_t = "\n  <b>"; __M_o += __M_t + __M.h(x) + "</b>\n"; __M_t = '';
    __M_b.s += __M_o; __M_o = '';
  } finally {
    __M_ctx._r.buf = __M_outer;
    __M_ctx._r.nc = __M_nc;
  }
  const __M_s = __M_w.s;
  return __M_s;
}
function __M_def_shout(__M_ctx) {
  const __M_nc = __M_ctx._r.nc; __M_ctx._r.nc = undefined;
  let text = __M.get(__M_ctx._data, "text");
  const __M_outer = __M_ctx._r.buf, __M_w = { s: '' };
  __M_ctx._r.buf = __M_w;
  try {
    const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';
    __M_t = "\n  "; __M_o += __M_t + __M.h((text === undefined ? __M.undef("text", __M_uri, 5, __M_ctx._data) : text)) + "\n"; __M_t = '';
    __M_b.s += __M_o; __M_o = '';
  } finally {
    __M_ctx._r.buf = __M_outer;
    __M_ctx._r.nc = __M_nc;
  }
  const __M_s = __M_w.s;
  __M_outer.s += __M.h(__M.trim(__M_s));
  return '';
}
const __M_template = __M.defineTemplate({
  uri: __M_uri,
  starttime: 0,
  digest: "1db550324a89c433",
  async: false,
  body: __M_render_body,
  defs: { label: __M_def_label, shout: __M_def_shout },
  params: { label: ["x"], shout: [] },
  blocks: [],
  reserved: ["context","loop","UNDEFINED","STOP_RENDERING"],
  noSelf: true,
});
export default __M_template;
