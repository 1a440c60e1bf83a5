"""`python -m layermap_capture`: capturing a model defined in a user's file, and its errors; and
`pip install ./python` building the package offline."""
import json
import os
import subprocess
import sys
import unittest

import numpy as np

from support import PYTHON_ROOT, TemporaryDirectoryCase, layermap, read_safetensors, reference_hook_loop

MODEL_FILE = '''
import sys
sys.path.insert(0, {tests!r})
from models import SmallCNN, image_batches

def build():
    return SmallCNN()

def batches():
    return iter(image_batches())
'''


def run_module(*arguments, cwd=None):
    environment = dict(os.environ, PYTHONPATH=PYTHON_ROOT)
    return subprocess.run([sys.executable, "-m", "layermap_capture", *arguments], capture_output=True, text=True,
                          env=environment, cwd=cwd, timeout=600)


class CommandLineTests(TemporaryDirectoryCase):
    def setUp(self):
        super().setUp()
        self.model_file = self.path("my_model.py")
        with open(self.model_file, "w") as f:
            f.write(MODEL_FILE.format(tests=os.path.dirname(os.path.abspath(__file__))))

    def test_captures_a_model_from_a_file_as_the_function_does(self):
        out = self.path("cnn.safetensors")
        run = run_module("--model-file", self.model_file, "--model-fn", "build", "--batches-fn", "batches",
                         "--layers", "stem", "head", "--layers", "pool", "--out", out, "--dtype", "float64")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("3 layers × 20 samples, reduce flatten, float64: stem (256), head (5), pool (64)", run.stdout)
        tensors, meta, _ = read_safetensors(out)
        self.assertEqual(json.loads(meta["layermap.order"]), ["stem", "head", "pool"])
        from models import SmallCNN, image_batches
        expected = reference_hook_loop(SmallCNN(), image_batches(), ["stem", "head", "pool"])
        for name, values in expected.items():
            np.testing.assert_array_equal(tensors[name], values.reshape(20, -1), err_msg=name)
        listing = layermap("layers", out)
        self.assertEqual(listing.returncode, 0, listing.stderr)
        self.assertIn("layer order: cnn (recorded order)", listing.stdout)

    def test_list_modules_prints_the_names_layers_can_match(self):
        run = run_module("--model-file", self.model_file, "--list-modules")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout.split(), ["stem", "act", "pool", "block", "head"])

    def test_errors_name_the_problem_and_exit_non_zero(self):
        out = self.path("x.safetensors")
        run = run_module("--model-file", self.model_file, "--layers", "stme", "--out", out)
        self.assertEqual(run.returncode, 1)
        self.assertIn("layer 'stme' matches no module of my_model; close names: stem", run.stderr)
        run = run_module("--model-file", self.model_file, "--model-fn", "make", "--layers", "stem", "--out", out)
        self.assertEqual(run.returncode, 2)
        self.assertIn("defines no function 'make'; it defines: batches, build", run.stderr)
        run = run_module("--model-file", self.path("none.py"), "--layers", "stem", "--out", out)
        self.assertEqual(run.returncode, 2)
        self.assertIn("none.py: no such file", run.stderr)
        run = run_module("--model-file", self.model_file, "--out", out)
        self.assertEqual(run.returncode, 2)
        self.assertIn("give --layers", run.stderr)
        run = run_module("--model-file", self.model_file, "--layers", "stem", "--out", out, "--reduce", "max")
        self.assertEqual(run.returncode, 2)
        self.assertIn("invalid choice: 'max'", run.stderr)
        self.assertOnlyFiles("my_model.py")


class InstallTests(TemporaryDirectoryCase):
    def test_pip_builds_and_installs_the_package_without_an_index(self):
        target = self.path("site")
        run = subprocess.run([sys.executable, "-m", "pip", "install", "--no-index", "--no-deps", "--quiet",
                              "--target", target, PYTHON_ROOT], capture_output=True, text=True, timeout=600)
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        installed = sorted(os.listdir(os.path.join(target, "layermap_capture")))
        self.assertEqual([n for n in installed if n.endswith(".py")],
                         sorted(n for n in os.listdir(os.path.join(PYTHON_ROOT, "layermap_capture")) if n.endswith(".py")))
        self.assertTrue(os.path.exists(os.path.join(target, "bin", "layermap-capture")))
        probe = subprocess.run([sys.executable, "-c", "import layermap_capture as lc; print(lc.__file__, lc.POLICIES)"],
                               capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=target), cwd=self.dir)
        self.assertEqual(probe.returncode, 0, probe.stderr)
        self.assertIn(os.path.join(target, "layermap_capture", "__init__.py"), probe.stdout)


if __name__ == "__main__":
    unittest.main()
