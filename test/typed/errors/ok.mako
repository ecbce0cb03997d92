<%page args="count: number"/>
${count.toFixed(1)}
