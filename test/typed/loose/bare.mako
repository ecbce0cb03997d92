${context.get("x")} ${y.z}
<% const w = y.w %>${w}
