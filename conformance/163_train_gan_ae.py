# A GAN step (BCELoss, Adam with betas, detach for the discriminator), an autoencoder under
# RMSprop, and inference_mode (torch.is_inference_mode_enabled inside and outside the block).
import torch
import torch.nn as nn
torch.manual_seed(0)
G = nn.Sequential(nn.Linear(2, 8), nn.LeakyReLU(0.2), nn.Linear(8, 2))
D = nn.Sequential(nn.Linear(2, 8), nn.LeakyReLU(0.2), nn.Linear(8, 1), nn.Sigmoid())
optG = torch.optim.Adam(G.parameters(), lr=2e-3, betas=(0.5, 0.999))
optD = torch.optim.Adam(D.parameters(), lr=2e-3, betas=(0.5, 0.999))
bce = nn.BCELoss()
real = torch.randn(16, 2) * 0.5 + 1.0
for step in range(3):
    z = torch.randn(16, 2)
    fake = G(z)
    lossD = bce(D(real), torch.ones(16, 1)) + bce(D(fake.detach()), torch.zeros(16, 1))
    optD.zero_grad(); lossD.backward(); optD.step()
    lossG = bce(D(fake), torch.ones(16, 1))
    optG.zero_grad(); lossG.backward(); optG.step()
    print(step, f'{lossD.item():.5f}', f'{lossG.item():.5f}')
ae = nn.Sequential(nn.Linear(4, 2), nn.Tanh(), nn.Linear(2, 4))
x = torch.randn(8, 4)
opt = torch.optim.RMSprop(ae.parameters(), lr=0.01)
for i in range(3):
    loss = nn.functional.mse_loss(ae(x), x)
    opt.zero_grad(); loss.backward(); opt.step()
print(f'{loss.item():.6f}')
with torch.inference_mode():
    print(ae(x[:1]).requires_grad, torch.is_inference_mode_enabled())
print(torch.is_inference_mode_enabled())
