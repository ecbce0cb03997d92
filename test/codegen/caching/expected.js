import * as __M from "vite-plugin-mako/runtime";
const __M_U = __M.UNDEFINED;
const __M_uri = "caching.mako";
function __M_render_body__impl(__M_ctx, pageargs = {}) {
  const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';
  try {
    let u = __M.get(__M_ctx._data, "u");
    __M_o += "\n\n";
    __M_b.s += __M_o; __M_o = '';
    __M.renderBlock(__M_ctx, "side", pageargs);
    __M_o += "\n";
    __M_b.s += __M_o; __M_o = '';
    __M_def_menu(__M_ctx, u);
    __M_o += "\n";
    __M_b.s += __M_o; __M_o = '';
  } catch (__M_e) { __M_b.s += __M_o + __M_t; throw __M_e; }
  return '';
}
function __M_render_body(__M_ctx, pageargs = {}) {
  return __M.cached(__M_ctx, __M_template, "render_body", { "timeout": 60 }, () => __M_render_body__impl(__M_ctx, pageargs), false);
}
function __M_def_menu__impl(__M_ctx, user) {
  const __M_nc = __M_ctx._r.nc; __M_ctx._r.nc = undefined;
  const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';
  try {
    __M_t = "\n  "; __M_o += __M_t + __M.h(user.name) + "\n"; __M_t = '';
    __M_b.s += __M_o; __M_o = '';
  } catch (__M_e) { __M_b.s += __M_o + __M_t; __M_ctx._r.nc = __M_nc; throw __M_e; }
  __M_ctx._r.nc = __M_nc;
  return '';
}
function __M_def_menu(__M_ctx, user) {
  return __M.cached(__M_ctx, __M_template, "menu-" + __M.s((user.id)), { "timeout": 60, "type": "memory" }, () => __M_def_menu__impl(__M_ctx, user), false);
}
function __M_block_side__impl(__M_ctx, pageargs = {}) {
  const __M_nc = __M_ctx._r.nc; __M_ctx._r.nc = undefined;
  const __M_b = __M_ctx._r.buf; let __M_o = '', __M_t = '';
  try {
    __M_o += "side";
    __M_b.s += __M_o; __M_o = '';
  } catch (__M_e) { __M_b.s += __M_o + __M_t; __M_ctx._r.nc = __M_nc; throw __M_e; }
  __M_ctx._r.nc = __M_nc;
  return '';
}
function __M_block_side(__M_ctx, pageargs = {}) {
  return __M.cached(__M_ctx, __M_template, "render_side", { "timeout": 60, "region": "short" }, () => __M_block_side__impl(__M_ctx, pageargs), false);
}
const __M_template = __M.defineTemplate({
  uri: __M_uri,
  starttime: 0,
  digest: "00df105f40bd83ce",
  async: false,
  body: __M_render_body,
  defs: { menu: __M_def_menu, side: __M_block_side },
  params: { menu: ["user"] },
  blocks: ["side"],
  reserved: ["context","loop","UNDEFINED","STOP_RENDERING"],
  cacheOf: __M.cacheOf,
  cacheUses: [{},{"type":"memory"},{"region":"short"}],
  checkCache: __M.checkCacheBackends,
});
export default __M_template;
