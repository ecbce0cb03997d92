import * as __M from "vite-plugin-mako/runtime";
const __M_U = __M.UNDEFINED;
const __M_uri = "decorators.mako";

  function bracket(fn) { return (...a) => '[' + fn(...a) + ']' }

function __M_render_body(__M_ctx, pageargs = {}) {
  const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';
  try {
    __M_o += "\n\n";
    __M_b.s += __M_o; __M_o = '';
    const __M_v0 = __M.h(__M_def_item(__M_ctx, 1));
    __M_o += __M_v0 + "\n\n";
    { const __M_p = __M_o; __M_o = ''; __M_o = __M_def_outer__s(__M_ctx, __M_p); }
    __M_o += "\n";
    __M_b.s += __M_o; __M_o = '';
  } catch (__M_e) { __M_b.s += __M_o + __M_t; throw __M_e; }
  return '';
}
function __M_def_item__impl(__M_ctx, x) {
  const __M_nc = __M_ctx._r.nc; __M_ctx._r.nc = undefined;
  const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';
  try {
    __M_o += __M.h(x);
    __M_b.s += __M_o; __M_o = '';
  } catch (__M_e) { __M_b.s += __M_o + __M_t; __M_ctx._r.nc = __M_nc; throw __M_e; }
  __M_ctx._r.nc = __M_nc;
  return '';
}
const __M_def_item = __M.decorateToplevel(bracket, __M_def_item__impl, "item");
function __M_def_outer(__M_ctx, ...__M_a) { const __M_w = __M_ctx._r.buf, __M_p = __M_w.s; __M_w.s = ''; const __M_r = __M_def_outer__s(__M_ctx, __M_p, ...__M_a); __M_w.s += __M_r; return ''; }
function __M_def_outer__s(__M_ctx, __M_o) {
  const __M_b = __M_ctx._r.buf; let __M_t = '';
  const __M_nc = __M_ctx._r.nc; __M_ctx._r.nc = undefined;
  try {
    __M_o += "\n  ";
    function __M_inner__impl() {
      const __M_nc = __M_ctx._r.nc; __M_ctx._r.nc = undefined;
      const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';
      try {
        __M_o += "in";
        __M_b.s += __M_o; __M_o = '';
      } catch (__M_e) { __M_b.s += __M_o + __M_t; __M_ctx._r.nc = __M_nc; throw __M_e; }
      __M_ctx._r.nc = __M_nc;
      return '';
    }
    const inner = __M.decorateInline(__M_ctx, bracket, __M_inner__impl, "inner");
    __M_o += "\n  ";
    __M_b.s += __M_o; __M_o = '';
    const __M_v1 = __M.h(inner());
    __M_o += __M_v1 + "\n";
  } catch (__M_e) { __M_b.s += __M_o + __M_t; __M_ctx._r.nc = __M_nc; throw __M_e; }
  __M_ctx._r.nc = __M_nc;
  return __M_o;
}
const __M_template = __M.defineTemplate({
  uri: __M_uri,
  starttime: 0,
  digest: "a06333c4ddaf3fdf",
  async: false,
  body: __M_render_body,
  defs: { item: __M_def_item, outer: __M_def_outer },
  strs: { outer: __M_def_outer__s },
  params: { item: ["x"], outer: [] },
  blocks: [],
  reserved: ["context","loop","UNDEFINED","STOP_RENDERING"],
  attr: { "bracket": bracket },
});
export default __M_template;
export { bracket };
