import * as __M from "vite-plugin-mako/runtime";
const __M_U = __M.UNDEFINED;
const __M_uri = "async.mako";
async function __M_render_body(__M_ctx, pageargs = {}) {
  const __M_b = __M_ctx._r.buf, __M_in = __M_b; let __M_o = '';
  try {
    let load = __M.get(__M_ctx._data, "load");
    let items = "items" in pageargs ? pageargs.items : __M.argMissing("items", __M_uri);
    __M_o += "\n";
    let __M_f1 = __M_b.s.length + 65536;
    for (const item of __M.iter(items)) {
      __M_o += "<li>";
      let __M_v0 = (item.title);
      if (__M_v0 != null && typeof __M_v0.then === 'function') __M_v0 = await __M.park(__M_ctx, __M_in, __M_v0);
      __M_o += __M.h(__M_v0) + " ";
      __M_b.s += __M_o; __M_o = '';
      __M_ctx._r.buf = __M_b;
      let __M_v1 = (load(item.id));
      if (__M_v1 != null && typeof __M_v1.then === 'function') __M_v1 = await __M.park(__M_ctx, __M_in, __M_v1);
      __M_o += __M.h(__M_v1) + "</li>\n";
      if (__M_o.length > 65536 || __M_b.s.length > __M_f1) __M_f1 = __M.chunk(__M_b, __M_o, __M_f1), __M_o = '';
    }
    __M_b.s += __M_o; __M_o = '';
    __M_ctx._r.buf = __M_b;
  } catch (__M_e) { __M_b.s += __M_o; throw __M_e; }
  return '';
}
const __M_template = __M.defineTemplate({
  uri: __M_uri,
  starttime: 0,
  digest: "0363ef985ff051ad",
  async: true,
  body: __M_render_body,
  defs: {  },
  params: {  },
  pageArgs: ["items"],
  blocks: [],
  reserved: ["context","loop","UNDEFINED","STOP_RENDERING"],
  noSelf: true,
});
export default __M_template;
