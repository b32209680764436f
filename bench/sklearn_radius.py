#!/usr/bin/python3
"""What a data scientist would reach for (issue 5, target 5): scikit-learn TF-IDF vectors and
NearestNeighbors(radius=1 - threshold, metric='cosine'), every item's neighbours at cosine
similarity >= threshold, on the same synthetic corpus recdedup is timed on.

    /usr/bin/python3 bench/sklearn_radius.py <corpus.csv> <threshold> <planted.json>

Prints one JSON object: the stage times, the pairs found, how many planted pairs are among them,
and the process's peak RSS (getrusage, whole process). Run by bench/run.mjs for `--sklearn`.
"""
import csv
import json
import resource
import sys
import time


def main(path, threshold, planted_path):
    started = time.perf_counter()
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.neighbors import NearestNeighbors
    import sklearn

    imported = time.perf_counter()
    with open(path, newline="", encoding="utf-8") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    with open(planted_path, encoding="utf-8") as f:
        planted = json.load(f)[: len(texts)]
    read = time.perf_counter()

    # English stop words, as recdedup drops them; otherwise the defaults.
    vectors = TfidfVectorizer(stop_words="english").fit_transform(texts)
    vectorised = time.perf_counter()
    index = NearestNeighbors(radius=1 - threshold, metric="cosine").fit(vectors)
    _, neighbours = index.radius_neighbors(vectors)
    searched = time.perf_counter()

    pairs = set()
    for i, row in enumerate(neighbours):
        for j in row:
            if i < j:
                pairs.add((i, int(j)))
    planted_pairs = [(j, i) for i, j in enumerate(planted) if j >= 0]
    found = sum(1 for pair in planted_pairs if pair in pairs)

    print(json.dumps({
        "sklearn": sklearn.__version__,
        "items": len(texts),
        "threshold": threshold,
        "seconds": {
            "import": imported - started,
            "read": read - imported,
            "tfidf": vectorised - read,
            "radius_neighbors": searched - vectorised,
        },
        "pairs": len(pairs),
        "plantedPairs": len(planted_pairs),
        "plantedFound": found,
        "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), sys.argv[3])
