# A bidirectional LSTM text classifier over variable-length batches, the torch.nn.utils.rnn way:
# token ids padded with pad_sequence, packed with pack_padded_sequence (unsorted lengths,
# enforce_sorted=False; lengths on the CPU, as ATen requires), run through Embedding + 2-layer bidirectional LSTM, unpacked with
# pad_packed_sequence; the final forward/backward states h_n[-2], h_n[-1] (in the caller's batch
# order) feed a linear head. Two Adam steps print losses, shapes, grad_fns and an embedding row's
# gradient (padding rows never reach the loss).
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.rnn import pad_sequence, pack_padded_sequence, pad_packed_sequence, PackedSequence

torch.manual_seed(0)
VOCAB, EMB, HID, CLASSES = 12, 6, 5, 3


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(VOCAB, EMB, padding_idx=0)
        self.rnn = nn.LSTM(EMB, HID, num_layers=2, bidirectional=True, batch_first=True)
        self.head = nn.Linear(2 * HID, CLASSES)

    def forward(self, tokens, lengths):
        x = self.emb(tokens)
        packed = pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
        out, (h, c) = self.rnn(packed)
        padded, out_lens = pad_packed_sequence(out, batch_first=True)
        feats = torch.cat([h[-2], h[-1]], dim=1)
        return self.head(feats), out, padded, out_lens, h, c


batch = [torch.tensor([3, 5, 7]), torch.tensor([2, 9, 4, 4, 1]), torch.tensor([8, 6]), torch.tensor([11, 10, 3, 2])]
labels = torch.tensor([0, 2, 1, 2])
lengths = torch.tensor([len(s) for s in batch])
tokens = pad_sequence(batch, batch_first=True, padding_value=0)
print(tokens)
print(lengths)

model = Classifier()
opt = torch.optim.Adam(model.parameters(), lr=0.05)
for step in range(3):
    opt.zero_grad()
    logits, out, padded, out_lens, h, c = model(tokens, lengths)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    if step == 0:
        print(type(out).__name__, out.data.shape, out.batch_sizes, out.sorted_indices, out.unsorted_indices)
        print(out.data.grad_fn.name(), padded.grad_fn.name(), h.grad_fn.name(), c.grad_fn.name())
        print(padded.shape, out_lens, h.shape, c.shape, logits.shape)
        print(padded[2, 2:])
        print(model.emb.weight.grad[4], model.emb.weight.grad[0])
        print(model.rnn.weight_hh_l1_reverse.grad[:2])
    opt.step()
    print(step, round(loss.item(), 4), logits.argmax(1).tolist())

# PackedSequence round trips and the error for unsorted lengths with enforce_sorted=True
with torch.no_grad():
    # lengths as a list of ints (made on the CPU); pack_sequence would put its lengths tensor on the
    # default device, which PyTorch refuses on a GPU default device (pytorch/pytorch#88643)
    ps = pack_padded_sequence(pad_sequence([model.emb(s) for s in batch]), [len(s) for s in batch], enforce_sorted=False)
    print(isinstance(ps, PackedSequence), ps.batch_sizes, ps.data.shape)
    out, (h, c) = model.rnn(ps)
    print(h[-1])
try:
    pack_padded_sequence(model.emb(tokens), lengths.cpu(), batch_first=True)
except RuntimeError as e:
    print(type(e).__name__, e)
