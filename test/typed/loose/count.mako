<%page args="n: number"/>${n.toFixed(0)}
