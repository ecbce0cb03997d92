import * as __M from "vite-plugin-mako/runtime";
const __M_U = __M.UNDEFINED;
const __M_uri = "inheritance-blocks.mako";
function __M_render_body(__M_ctx, pageargs = {}) {
  const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';
  try {
    const ui = __M.namespace(__M_ctx, __M_template, "ui");
    __M_o += "\n\n";
    __M_b.s += __M_o; __M_o = '';
    __M.renderBlock(__M_ctx, "title", pageargs);
    __M_o += "\n";
    __M_b.s += __M_o; __M_o = '';
    const __M_v0 = __M.h(ui.button('go'));
    __M_o += __M_v0 + "\n";
    __M_b.s += __M_o; __M_o = '';
    __M.renderBlock(__M_ctx, "stats", pageargs);
    __M_o += "\n";
    __M_b.s += __M_o; __M_o = '';
  } catch (__M_e) { __M_b.s += __M_o + __M_t; throw __M_e; }
  return '';
}
function __M_block_title(__M_ctx, pageargs = {}) {
  const __M_nc = __M_ctx._r.nc; __M_ctx._r.nc = undefined;
  const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';
  try {
    let page = __M.get(__M_ctx._data, "page");
    __M_o += __M.h(__M.chk(page, "page", __M_uri, 3, __M_ctx._data).title);
    __M_b.s += __M_o; __M_o = '';
  } catch (__M_e) { __M_b.s += __M_o + __M_t; __M_ctx._r.nc = __M_nc; throw __M_e; }
  __M_ctx._r.nc = __M_nc;
  return '';
}
function __M_block_stats__impl(__M_ctx, pageargs = {}) {
  const __M_nc = __M_ctx._r.nc; __M_ctx._r.nc = undefined;
  const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';
  try {
    let Date = __M.get(__M_ctx._data, "Date");
    const __M_v1 = __M.h(Date.now());
    __M_o += __M_v1;
    __M_b.s += __M_o; __M_o = '';
  } catch (__M_e) { __M_b.s += __M_o + __M_t; __M_ctx._r.nc = __M_nc; throw __M_e; }
  __M_ctx._r.nc = __M_nc;
  return '';
}
function __M_block_stats(__M_ctx, pageargs = {}) {
  return __M.cached(__M_ctx, __M_template, "render_stats", { "timeout": 30 }, () => __M_block_stats__impl(__M_ctx, pageargs), false);
}
const __M_template = __M.defineTemplate({
  uri: __M_uri,
  starttime: 0,
  digest: "eaa611329aba0648",
  async: false,
  body: __M_render_body,
  defs: { title: __M_block_title, stats: __M_block_stats },
  params: {  },
  blocks: ["title","stats"],
  reserved: ["context","loop","UNDEFINED","STOP_RENDERING"],
  inherit: "base.mako",
  inheritLine: 1,
  namespaces: [{ name: "ui", line: 2, file: "ui.mako" }],
  cacheOf: __M.cacheOf,
  cacheUses: [{}],
  checkCache: __M.checkCacheBackends,
  staticDeps: ["base.mako","ui.mako"],
});
export default __M_template;
