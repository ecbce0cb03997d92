// The types of `.mako` imports and `virtual:mako-lookup` (docs/plugin.md, "TypeScript"). A project
// that installs the package lists "vite-plugin-mako/client" in compilerOptions.types instead;
// inside this repository the package is not in node_modules, so its types come in through its
// own name (package self-reference).
import 'vite-plugin-mako/client'
