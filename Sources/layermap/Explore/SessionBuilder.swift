import Explorer
import LayerIO
import Similarity

/// The explorer's view of a catalog: models, layers, N, the reduce policy and the metrics
/// the `m` key cycles through.
enum SessionBuilder {
    static func session(catalog: Catalog, reduce: ReducePolicy, metrics: [Metric],
                        colorMode: ColorMode, supportsUnicode: Bool) -> Session {
        Session(
            models: catalog.models.map { model in
                Session.Model(name: model.name, layers: model.layers.map {
                    Session.Layer(name: $0.name, shape: $0.shapeDescription, dtype: $0.dtype, width: $0.width)
                })
            },
            sampleCount: catalog.sampleCount, reducePolicy: catalog.reduceLabel(reduce), metrics: metrics,
            colorMode: colorMode, supportsUnicode: supportsUnicode)
    }
}
