// RUN: nn-opt %s -split-input-file --nn-value-and-grad="function=plain" --verify-diagnostics -o /dev/null

// expected-error @+1 {{nn-value-and-grad: 'plain' must return a scalar first (tensor<f32>), the value to differentiate; its first result is 'tensor<4xf32>'}}
func.func @plain(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = nn.relu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// expected-error @+1 {{nn-value-and-grad: 'plain' returns 2 values; pass has-aux=true to return the others as auxiliary data (jax.value_and_grad's has_aux)}}
func.func @plain(%x: tensor<f32>) -> (tensor<f32>, tensor<f32>) {
  return %x, %x : tensor<f32>, tensor<f32>
}
