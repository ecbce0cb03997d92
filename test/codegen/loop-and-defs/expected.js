import * as __M from "vite-plugin-mako/runtime";
const __M_U = __M.UNDEFINED;
const __M_uri = "loop-and-defs.mako";
function __M_render_body(__M_ctx, pageargs = {}) {
  const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';
  try {
    let rows = __M.get(__M_ctx._data, "rows");
    __M_o += "\n<table>\n";
    {
      const __M_loop1 = new __M.LoopContext(rows, undefined);
      let __M_f1 = __M_b.s.length + 65536;
      for (let __M_i1 = 0, __M_n1 = __M_loop1._n; __M_i1 < __M_n1; __M_i1++) {
        const r = __M_loop1._next(__M_i1);
        const loop = __M_loop1;
        __M_o += "  ";
        { const __M_p = __M_o; __M_o = ''; __M_o = __M_def_row__s(__M_ctx, __M_p, r, loop.index); }
        __M_o += "\n";
        if (__M_o.length > 65536 || __M_b.s.length > __M_f1) __M_f1 = __M.chunk(__M_b, __M_o, __M_f1), __M_o = '';
      }
    }
    __M_o += "</table>\n";
    __M_b.s += __M_o; __M_o = '';
  } catch (__M_e) { __M_b.s += __M_o + __M_t; throw __M_e; }
  return '';
}
function __M_def_row(__M_ctx, ...__M_a) { const __M_w = __M_ctx._r.buf, __M_p = __M_w.s; __M_w.s = ''; const __M_r = __M_def_row__s(__M_ctx, __M_p, ...__M_a); __M_w.s += __M_r; return ''; }
function __M_def_row__s(__M_ctx, __M_o, r, i) {
  const __M_b = __M_ctx._r.buf; let __M_t = '';
  const __M_nc = __M_ctx._r.nc; __M_ctx._r.nc = undefined;
  try {
    let loop_class = __M.get(__M_ctx._data, "loop_class");
    __M_o += "<tr class=\"";
    __M_b.s += __M_o; __M_o = '';
    const __M_v0 = __M.h(loop_class(i));
    __M_o += __M_v0 + "\"><td>"; __M_o += __M.h(r.name) + "</td></tr>";
  } catch (__M_e) { __M_b.s += __M_o + __M_t; __M_ctx._r.nc = __M_nc; throw __M_e; }
  __M_ctx._r.nc = __M_nc;
  return __M_o;
}
const __M_template = __M.defineTemplate({
  uri: __M_uri,
  starttime: 0,
  digest: "9e95c0671c936a8a",
  async: false,
  body: __M_render_body,
  defs: { row: __M_def_row },
  strs: { row: __M_def_row__s },
  params: { row: ["r","i"] },
  blocks: [],
  reserved: ["context","loop","UNDEFINED","STOP_RENDERING"],
  noSelf: true,
});
export default __M_template;
