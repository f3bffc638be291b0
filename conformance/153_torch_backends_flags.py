# The device-selection and reproducibility boilerplate at the top of training scripts, on a
# CPU-only build: torch.backends flags, deterministic algorithms, thread count.
import torch
import torch.backends
print(torch.backends.cudnn.is_available(), torch.backends.cudnn.enabled, torch.backends.cudnn.benchmark, torch.backends.cudnn.deterministic, torch.backends.cudnn.allow_tf32, torch.backends.cudnn.version())
print(torch.backends.mps.is_available(), torch.backends.mps.is_built())
print(torch.backends.cuda.is_built(), torch.backends.cuda.matmul.allow_tf32, torch.backends.cpu.get_cpu_capability())
print(torch.backends.mkldnn.is_available(), torch.backends.openmp.is_available())
torch.backends.cudnn.benchmark = True
torch.backends.cudnn.deterministic = True
print(torch.backends.cudnn.benchmark, torch.backends.cudnn.deterministic)
device = 'cuda' if torch.cuda.is_available() else 'mps' if torch.backends.mps.is_available() else 'cpu'
print(device, torch.use_deterministic_algorithms(True), torch.are_deterministic_algorithms_enabled())
print(torch.get_num_threads() > 0, torch.set_num_threads(1), torch.__version__)
