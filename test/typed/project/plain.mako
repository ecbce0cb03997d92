<%page args="x"/>${x}
