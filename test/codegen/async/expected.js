import * as __M from "vite-plugin-mako/runtime";
const __M_U = __M.UNDEFINED;
const __M_uri = "async.mako";
async function __M_render_body(__M_ctx, pageargs = {}) {
  const __M_b = __M_ctx._r.buf, __M_in = __M_b; let __M_o = '';
  try {
    let load = __M.get(__M_ctx._data, "load");
    let items = "items" in pageargs ? pageargs.items : __M.argMissing("items", __M_uri);
    __M_o += "\n";
    {
      const __M_it1 = __M.aiter(items);
      let __M_f1 = __M_b.s.length + 65536;
      try {
        for (;;) {
          let __M_x1 = __M_it1.next();
          if (__M_x1 === __M.NEXT) { const __M_s = __M_ctx._r.stream; if (__M_s !== undefined) __M_o = __M_s.hold(__M_b, __M_o); __M_x1 = await __M.park(__M_ctx, __M_in, __M_it1.p); if (__M_s !== undefined) __M_s.waits--; }
          if (__M_x1 === __M.DONE) break;
          const item = __M_x1;
          __M_o += "<li>";
          let __M_v0 = (item.title);
          if (__M_v0 != null && typeof __M_v0.then === 'function') { const __M_s = __M_ctx._r.stream; if (__M_s !== undefined) __M_o = __M_s.hold(__M_b, __M_o); __M_v0 = await __M.park(__M_ctx, __M_in, __M_v0); if (__M_s !== undefined) __M_s.waits--; }
          __M_o += __M.h(__M_v0) + " ";
          __M_b.s += __M_o; __M_o = '';
          __M_ctx._r.buf = __M_b;
          let __M_v1 = (load(item.id));
          if (__M_v1 != null && typeof __M_v1.then === 'function') { const __M_s = __M_ctx._r.stream; if (__M_s !== undefined) __M_o = __M_s.hold(__M_b, __M_o); __M_v1 = await __M.park(__M_ctx, __M_in, __M_v1); if (__M_s !== undefined) __M_s.waits--; }
          __M_o += __M.h(__M_v1) + "</li>\n";
          if (__M_o.length > 65536 || __M_b.s.length > __M_f1) { __M_f1 = __M.chunk(__M_b, __M_o, __M_f1), __M_o = ''; const __M_s = __M_ctx._r.stream; if (__M_s !== undefined) { __M_s.waits++; await __M.park(__M_ctx, __M_in, 0); __M_s.waits--; if (__M_b.s.length === 0) __M_f1 = 65536; } }
        }
      } finally { const __M_c1 = __M_it1.close(); if (__M_c1 !== undefined) await __M_c1; }
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
  streamer: __M.streamRender,
  body: __M_render_body,
  defs: {  },
  params: {  },
  pageArgs: ["items"],
  blocks: [],
  reserved: ["context","loop","UNDEFINED","STOP_RENDERING"],
  noSelf: true,
});
export default __M_template;
