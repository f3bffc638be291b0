// torch.func over generic async callables: grad, grad_and_value, vjp, jacrev, jacfwd, jvp, vmap.
export { grad, gradAndValue, vjp, setTransformGradObserver, type Argnums, type Fn, type VjpFn, type TransformGradObserver } from './grad';
export { jacrev, jacfwd, hessian, jvp } from './jac';
export { vmap, vmapRandomness, checkVmapRandom, checkVmapItem, setVmapRngHooks, RANDOM_ERROR, ITEM_ERROR, type VmapOptions, type Randomness } from './vmap';
export { flatten, unflatten, type Spec } from './pytree';
