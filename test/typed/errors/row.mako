<%page args="n: number, label: string = ''"/>
${label}${n.toFixed(1)}
