<%inherit file="layout.mako"/>
${body| util.strip_toplevel_anchors}