// The explorer's API speaks in Palette's types (`RGB`, `ColorScale`, `NumberFormat`), so a
// module that imports Explorer sees Palette too, and so does every file of Explorer.
@_exported import Palette
