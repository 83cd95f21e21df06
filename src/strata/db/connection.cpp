// placeholder until the part lands
