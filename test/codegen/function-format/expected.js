const __M_U = __M.UNDEFINED;
const __M_uri = "function-format.mako";
 const __M_imp1 = __M_require("./fmt.js"); const fmt = __M_imp1["fmt"]; 
function __M_render_body(__M_ctx, pageargs = {}) {
  const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';
  try {
    let rows = __M.get(__M_ctx._data, "rows");
    __M_o += "\n\n";
    let __M_f1 = __M_b.s.length + 65536;
    for (const r of __M.iter(rows)) {
      { const __M_p = __M_o; __M_o = ''; __M_o = __M_def_row__s(__M_ctx, __M_p, r); }
      __M_o += "\n";
      if (__M_o.length > 65536 || __M_b.s.length > __M_f1) __M_f1 = __M.chunk(__M_b, __M_o, __M_f1), __M_o = '';
    }
    __M_b.s += __M_o; __M_o = '';
  } catch (__M_e) { __M_b.s += __M_o + __M_t; throw __M_e; }
  return '';
}
function __M_def_row(__M_ctx, ...__M_a) { const __M_w = __M_ctx._r.buf, __M_p = __M_w.s; __M_w.s = ''; const __M_r = __M_def_row__s(__M_ctx, __M_p, ...__M_a); __M_w.s += __M_r; return ''; }
function __M_def_row__s(__M_ctx, __M_o, r) {
  const __M_b = __M_ctx._r.buf; let __M_t = '';
  const __M_nc = __M_ctx._r.nc; __M_ctx._r.nc = undefined;
  try {
    __M_b.s += __M_o; __M_o = '';
    const __M_v0 = __M.h(fmt(r));
    __M_o += __M_v0;
  } catch (__M_e) { __M_b.s += __M_o + __M_t; __M_ctx._r.nc = __M_nc; throw __M_e; }
  __M_ctx._r.nc = __M_nc;
  return __M_o;
}
const __M_template = __M.defineTemplate({
  uri: __M_uri,
  starttime: 0,
  digest: "7301d8d31bcf2246",
  async: false,
  body: __M_render_body,
  defs: { row: __M_def_row },
  strs: { row: __M_def_row__s },
  params: { row: ["r"] },
  blocks: [],
  reserved: ["context","loop","UNDEFINED","STOP_RENDERING"],
  noSelf: true,
  attr: { "fmt": fmt },
});
return __M_template;
