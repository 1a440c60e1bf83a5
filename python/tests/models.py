"""The small models the tests capture: a CNN and a hand-written transformer encoder whose blocks
return tuples and whose encoder returns a Hugging Face style ModelOutput."""
from collections import OrderedDict

import torch
from torch import nn


class SmallCNN(nn.Module):
    """3×8×8 images → stem (4×8×8) → act → pool (4×4×4) → block (6×4×4) → head (5).
    The layer names are chosen so that natural name order (block, head, pool, stem) is not the
    model's order."""

    def __init__(self, seed=0):
        super().__init__()
        torch.manual_seed(seed)
        self.stem = nn.Conv2d(3, 4, 3, padding=1)
        self.act = nn.ReLU()
        self.pool = nn.MaxPool2d(2)
        self.block = nn.Conv2d(4, 6, 3, padding=1)
        self.head = nn.Linear(6 * 4 * 4, 5)

    def forward(self, x):
        x = self.pool(self.act(self.stem(x)))
        return self.head(torch.relu(self.block(x)).flatten(1))


def image_batches(sizes=(6, 6, 6, 2), seed=1):
    """Seeded batches of 3×8×8 images, with the given batch sizes (the last one short)."""
    g = torch.Generator().manual_seed(seed)
    return [torch.randn(n, 3, 8, 8, generator=g) for n in sizes]


class ModelOutput(OrderedDict):
    """Like transformers.utils.ModelOutput: an ordered mapping whose fields are also attributes.
    `pooler_output` comes first on purpose: the capture must still take `last_hidden_state`."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class Block(nn.Module):
    """A post-norm transformer block returning (hidden, attention weights), as HF blocks do."""

    def __init__(self, width, heads):
        super().__init__()
        self.attention = nn.MultiheadAttention(width, heads, batch_first=True)
        self.norm1 = nn.LayerNorm(width)
        self.feed = nn.Sequential(nn.Linear(width, 2 * width), nn.GELU(), nn.Linear(2 * width, width))
        self.norm2 = nn.LayerNorm(width)

    def forward(self, x, padding):
        attended, weights = self.attention(x, x, x, key_padding_mask=padding)
        x = self.norm1(x + attended)
        return self.norm2(x + self.feed(x)), weights


class Encoder(nn.Module):
    def __init__(self, vocabulary, width, heads, depth, length):
        super().__init__()
        self.embed = nn.Embedding(vocabulary, width)
        self.position = nn.Parameter(torch.randn(length, width) * 0.1)
        self.blocks = nn.ModuleList(Block(width, heads) for _ in range(depth))

    def forward(self, input_ids, attention_mask):
        x = self.embed(input_ids) + self.position[: input_ids.shape[1]]
        for block in self.blocks:
            x, _ = block(x, attention_mask == 0)
        return ModelOutput(pooler_output=x[:, 0], last_hidden_state=x)


class TinyTransformer(nn.Module):
    """Token ids (B×T) with an attention mask → encoder.embed, encoder.blocks.{0,1} (tuples),
    encoder (a ModelOutput), head (B×3, from the first token)."""

    def __init__(self, seed=0, vocabulary=20, width=8, heads=2, depth=2, length=7):
        super().__init__()
        torch.manual_seed(seed)
        self.encoder = Encoder(vocabulary, width, heads, depth, length)
        self.head = nn.Linear(width, 3)

    def forward(self, input_ids, attention_mask):
        return self.head(self.encoder(input_ids, attention_mask).last_hidden_state[:, 0])


def token_batches(seed=2, length=7):
    """Seeded dict batches of token ids padded to `length`, with attention masks: right padding in
    the first two batches, left padding in the third, none in the last (3 + 4 + 3 + 2 samples)."""
    g = torch.Generator().manual_seed(seed)
    batches = []
    for size, side in ((3, "right"), (4, "right"), (3, "left"), (2, None)):
        ids = torch.randint(1, 20, (size, length), generator=g)
        mask = torch.ones(size, length, dtype=torch.long)
        for i in range(size):
            real = length if side is None else int(torch.randint(2, length + 1, (1,), generator=g))
            if side == "right":
                mask[i, real:] = 0
            elif side == "left":
                mask[i, : length - real] = 0
        batches.append({"input_ids": ids * mask, "attention_mask": mask})
    return batches
