"""A CPython workload for the malloc program tests: run with PYTHONMALLOC=malloc
so that every object goes through the C allocator. Deterministic: the same
output on every allocator. Usage: workload.py SCALE (1 = the test's size)."""
import json
import random
import re
import sys
from collections import Counter, OrderedDict, defaultdict


class Node:
    __slots__ = ("key", "left", "right")

    def __init__(self, key):
        self.key, self.left, self.right = key, None, None


def insert(root, key):
    if root is None:
        return Node(key)
    node = root
    while True:
        side = "left" if key < node.key else "right"
        child = getattr(node, side)
        if child is None:
            setattr(node, side, Node(key))
            return root
        node = child


def depth(node):
    best, stack = 0, [(node, 1)]
    while stack:
        node, level = stack.pop()
        if node is not None:
            best = max(best, level)
            stack.append((node.left, level + 1))
            stack.append((node.right, level + 1))
    return best


def main():
    scale = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    rng = random.Random(20240611)
    words = ["".join(rng.choice("abcdefghij") for _ in range(rng.randint(1, 12))) for _ in range(20000 * scale)]
    counts = Counter(words)
    print("distinct words", len(counts), "top", counts.most_common(3))
    index = defaultdict(list)
    for position, word in enumerate(words):
        index[word[:3]].append(position)
    print("prefixes", len(index), "longest", max(len(v) for v in index.values()))
    text = " ".join(words)
    print("regex matches", len(re.findall(r"\b[a-c]+j\b", text)))
    records = [{"id": i, "name": w, "tags": list(set(w)), "score": (i * 7919) % 1000 / 7} for i, w in enumerate(words[: 5000 * scale])]
    encoded = json.dumps(records, sort_keys=True)
    decoded = json.loads(encoded)
    print("json bytes", len(encoded), "round trip", decoded == json.loads(json.dumps(decoded, sort_keys=True)))
    root = None
    for key in rng.sample(range(10**9), 20000 * scale):
        root = insert(root, key)
    print("tree depth", depth(root))
    cache = OrderedDict()
    hits = 0
    for _ in range(50000 * scale):
        key = rng.randint(0, 4000)
        if key in cache:
            hits += 1
            cache.move_to_end(key)
        else:
            cache[key] = bytearray(rng.randint(1, 600))
            if len(cache) > 1000:
                cache.popitem(last=False)
    print("lru hits", hits)
    chunks = []
    for i in range(3000 * scale):
        chunks.append(bytes(rng.randint(0, 70000)) if i % 97 == 0 else str(i) * rng.randint(1, 50))
        if len(chunks) > 200:
            del chunks[rng.randrange(len(chunks))]
    print("chunks", len(chunks), sum(len(c) for c in chunks))
    big = [i * i for i in range(200000 * scale)]
    print("big sum", sum(big) % 1000003, "factorial bits", __import__("math").factorial(3000 + 500 * scale).bit_length())


main()
