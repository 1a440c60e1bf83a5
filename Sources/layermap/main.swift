print("layermap")
