/// Average-linkage (UPGMA) agglomerative clustering and its dendrogram's leaf order, as
/// `scipy.cluster.hierarchy.leaves_list(linkage(y, method="average"))` gives it.
///
/// Method: start with every item its own cluster; repeatedly merge the two clusters whose
/// average distance is smallest, where the distance between clusters U and V is the mean of
/// d(u, v) over u ∈ U, v ∈ V (Lance–Williams: d(U∪V, W) = (|U| d(U,W) + |V| d(V,W)) / (|U|+|V|)).
/// Clusters are numbered as scipy numbers them: items 0…n−1, the k-th merge n + k. A merge's
/// two children are ordered smaller number first, and the leaf order is the dendrogram read
/// depth first, left (smaller number) child before right: scipy's `leaves_list`.
///
/// Ties (two candidate merges at the same distance) go to the pair met first when scanning
/// clusters by their smallest item, (i, j) with i < j in row-major order. scipy's nearest-
/// neighbour chain may break such ties otherwise, so the order equals scipy's whenever the
/// merge distances are distinct; with ties it is still deterministic.
///
/// Cost: O(n³) time, O(n²) memory (n is a model's layer count: at most a few hundred).
public enum AverageLinkage {
    /// The leaf order for a symmetric n × n distance matrix (only the entries above the
    /// diagonal are read). Empty for n = 0.
    /// - Precondition: every distance above the diagonal is finite.
    public static func leafOrder(distances d: [[Double]]) -> [Int] {
        let n = d.count
        guard n > 1 else { return Array(0..<n) }
        // Working distances between clusters, indexed by slot (a cluster's smallest item).
        var dist = d
        for i in 0..<n { for j in 0..<i { dist[i][j] = dist[j][i] } }
        var active = Array(0..<n)
        var id = Array(0..<n)
        var size = [Int](repeating: 1, count: n)
        // children[k] = the two cluster numbers merged into cluster n + k, smaller first.
        var children: [(Int, Int)] = []
        children.reserveCapacity(n - 1)
        while active.count > 1 {
            var best = (a: active[0], b: active[1], d: Double.infinity)
            for (x, i) in active.enumerated() {
                for j in active[(x + 1)...] where dist[i][j] < best.d { best = (i, j, dist[i][j]) }
            }
            if best.d == .infinity { best = (active[0], active[1], .infinity) }
            let (a, b) = (best.a, best.b)  // a < b: the merged cluster keeps slot a
            children.append((min(id[a], id[b]), max(id[a], id[b])))
            let sa = Double(size[a]), sb = Double(size[b])
            for c in active where c != a && c != b {
                let v = (sa * dist[a][c] + sb * dist[b][c]) / (sa + sb)
                dist[a][c] = v
                dist[c][a] = v
            }
            size[a] += size[b]
            id[a] = n + children.count - 1
            active.removeAll { $0 == b }
        }
        // Depth-first from the root, left child first.
        var order: [Int] = []
        order.reserveCapacity(n)
        var stack = [2 * n - 2]
        while let c = stack.popLast() {
            if c < n {
                order.append(c)
            } else {
                let (left, right) = children[c - n]
                stack.append(right)
                stack.append(left)
            }
        }
        return order
    }

    /// The Euclidean distances between the rows of `vectors` (each of the same length), as
    /// `scipy.spatial.distance.pdist(X, "euclidean")` in square form.
    public static func euclideanDistances(_ vectors: [[Double]]) -> [[Double]] {
        let n = vectors.count
        var d = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                var s = 0.0
                for (x, y) in zip(vectors[i], vectors[j]) { s += (x - y) * (x - y) }
                d[i][j] = s.squareRoot()
                d[j][i] = d[i][j]
            }
        }
        return d
    }
}
