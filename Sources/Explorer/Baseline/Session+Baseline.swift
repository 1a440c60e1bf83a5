import Similarity

extension Session {
    /// Two groups of models for the seed baseline ("are the groups different, or do seeds just
    /// differ that much?"), present when the app was started with two `--group NAME=m1,m2,…`.
    ///
    /// Every member is one of the session's models, and every member has the layers
    /// `layerNames` in that order (the baseline view's rows and columns). The performer computes
    /// `SeedBaseline` over the models `members[0] + members[1]` in that order, with
    /// `groupASize: members[0].count`.
    public struct Baseline: Sendable, Hashable {
        /// The two groups' names, e.g. `["relu", "tanh"]`.
        public var groupNames: [String]
        /// The model indices (into `Session.models`) of each group; two lists, not empty,
        /// no model in both.
        public var members: [[Int]]
        /// The layer names every member shares, in network order.
        public var layerNames: [String]

        public init(groupNames: [String], members: [[Int]], layerNames: [String]) {
            self.groupNames = groupNames
            self.members = members
            self.layerNames = layerNames
        }

        /// Whether both groups have as many models: then swapping the two groups' names gives
        /// the observed split again, so an exhaustive test has two labellings tied with it.
        public var hasEqualGroups: Bool { members[0].count == members[1].count }

        /// `relu vs tanh`.
        public var groupsTitle: String { "\(groupNames[0]) vs \(groupNames[1])" }

        /// Checks the description against the session's models; the failure says what is wrong.
        func problem(models: [Model]) -> String? {
            guard groupNames.count == 2, members.count == 2 else {
                return "a baseline needs two groups, has \(groupNames.count) names and \(members.count) member lists"
            }
            for (name, group) in zip(groupNames, members) {
                if group.isEmpty { return "group \(name) has no models" }
                for m in group {
                    guard models.indices.contains(m) else { return "group \(name) names model \(m) of \(models.count)" }
                    let names = models[m].layers.map(\.name)
                    if names != layerNames {
                        return "model \(models[m].name) has layers \(names) while the groups share \(layerNames)"
                    }
                }
            }
            if !Set(members[0]).isDisjoint(with: members[1]) { return "a model is in both groups" }
            if layerNames.isEmpty { return "the groups share no layers" }
            return nil
        }
    }
}
