"""The training loop the guide's "Code from a file" slide shows (slides/guide.md)."""
import torch


# region loop
def train(model, data, epochs=3):
    opt = torch.optim.Adam(model.parameters())
    for x, y in data:
        loss = model(x).loss(y)
        loss.backward()
        opt.step()
# endregion
