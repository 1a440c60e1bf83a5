import Similarity
