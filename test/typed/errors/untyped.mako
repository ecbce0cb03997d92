${anything_goes.x.y}
