import * as __M from "vite-plugin-mako/runtime";
const __M_U = __M.UNDEFINED;
const __M_uri = "call-and-custom-tag.mako";
function __M_render_body(__M_ctx, pageargs = {}) {
  const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';
  try {
    const self = __M.get(__M_ctx._data, "self");
    let name = __M.get(__M_ctx._data, "name");
    const box = (...__M_a) => { const __M_w = __M_ctx._r.buf, __M_p = __M_w.s; __M_w.s = ''; const __M_r = __M_def_box__s(__M_ctx, __M_p, ...__M_a); __M_w.s += __M_r; return ''; };
    __M_o += "\n";
    __M_b.s += __M_o; __M_o = '';
    {
      function __M_caller_body() {
        const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';
        try {
          __M_o += "inside";
          __M_b.s += __M_o; __M_o = '';
        } catch (__M_e) { __M_b.s += __M_o + __M_t; throw __M_e; }
        return '';
      }
      __M_ctx._r.nc = __M.makeCaller(__M_ctx, { body: __M_caller_body });
      let __M_v0;
      try { __M_v0 = box('a'); } finally { __M_ctx._r.nc = undefined; }
      __M_b.s += __M.h(__M_v0);
    }
    __M_o += "\n";
    __M_b.s += __M_o; __M_o = '';
    {
      function __M_caller_body() {
        const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';
        try {
          __M_o += "custom";
          __M_b.s += __M_o; __M_o = '';
        } catch (__M_e) { __M_b.s += __M_o + __M_t; throw __M_e; }
        return '';
      }
      __M_ctx._r.nc = __M.makeCaller(__M_ctx, { body: __M_caller_body });
      let __M_v1;
      try { __M_v1 = __M.callTag(self, "box", { "title": (name) }); } finally { __M_ctx._r.nc = undefined; }
      __M_b.s += __M.h(__M_v1);
    }
    __M_o += "\n";
    __M_b.s += __M_o; __M_o = '';
  } catch (__M_e) { __M_b.s += __M_o + __M_t; throw __M_e; }
  return '';
}
function __M_def_box(__M_ctx, ...__M_a) { const __M_w = __M_ctx._r.buf, __M_p = __M_w.s; __M_w.s = ''; const __M_r = __M_def_box__s(__M_ctx, __M_p, ...__M_a); __M_w.s += __M_r; return ''; }
function __M_def_box__s(__M_ctx, __M_o, title) {
  const __M_b = __M_ctx._r.buf; let __M_t = '';
  const __M_nc = __M_ctx._r.nc, caller = __M_nc; __M_ctx._r.nc = undefined;
  try {
    __M_t = "<div>"; __M_o += __M_t + __M.h(title) + ":"; __M_t = '';
    __M_b.s += __M_o; __M_o = '';
    const __M_v2 = __M.h(caller.body());
    __M_o += __M_v2 + "</div>";
  } catch (__M_e) { __M_b.s += __M_o + __M_t; __M_ctx._r.nc = __M_nc; throw __M_e; }
  __M_ctx._r.nc = __M_nc;
  return __M_o;
}
const __M_template = __M.defineTemplate({
  uri: __M_uri,
  starttime: 0,
  digest: "9ef8556ab639f8f8",
  async: false,
  body: __M_render_body,
  defs: { box: __M_def_box },
  strs: { box: __M_def_box__s },
  params: { box: ["title"] },
  blocks: [],
  reserved: ["context","loop","UNDEFINED","STOP_RENDERING"],
});
export default __M_template;
