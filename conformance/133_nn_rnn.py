# Recurrent layers people paste: RNN, LSTM, GRU shapes and outputs.
import torch
import torch.nn as nn

torch.manual_seed(0)
rnn = nn.RNN(input_size=3, hidden_size=4, batch_first=True)
print(rnn)
x = torch.randn(2, 5, 3)
out, h = rnn(x)
print(out.shape, h.shape)
lstm = nn.LSTM(3, 4, num_layers=2, batch_first=True)
print(lstm)
out, (h, c) = lstm(x)
print(out.shape, h.shape, c.shape)
print([n for n, _ in lstm.named_parameters()])
gru = nn.GRU(3, 4)
out, h = gru(x.transpose(0, 1))
print(out.shape, h.shape)
print(out[-1, 0])
