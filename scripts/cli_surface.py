"""Dumps the AWS CLI v2's command surface as JSON, for differential tests of our models and parser.

Dev and test only. Needs Debian's `awscli` (AWS CLI v2) and the models cache that
../shared/tools/awscli-judge builds (run the judge once). For every service command: each subcommand,
the API operation it calls (null for the CLI's own commands) and its flags with the API member each
binds (null for flags the CLI adds itself). Prints one JSON object on stdout.
"""
import glob
import json
import os
import sys

caches = sorted(glob.glob(os.path.expanduser('~/.cache/awscli-judge/botocore-*')))
if not caches:
    sys.exit('cli_surface: no awscli-judge models cache; run ../shared/tools/awscli-judge "aws sts help" once')
os.environ.update({
    'AWS_DATA_PATH': caches[-1], 'AWS_ACCESS_KEY_ID': 'AKIDEXAMPLE', 'AWS_SECRET_ACCESS_KEY': 'secret',
    'AWS_DEFAULT_REGION': 'us-east-1', 'AWS_CONFIG_FILE': '/nonexistent',
    'AWS_SHARED_CREDENTIALS_FILE': '/nonexistent',
})
from awscli.clidriver import ServiceOperation, create_clidriver  # noqa: E402

driver = create_clidriver()
out = {}
for svc_name, svc in driver._get_command_table().items():
    try:
        table = svc.subcommand_table
    except Exception:  # noqa: BLE001 - top-level commands without subcommands
        continue
    cmds = {}
    for cmd_name, cmd in table.items():
        entry = {'operation': None, 'args': {}}
        if isinstance(cmd, ServiceOperation):
            entry['operation'] = cmd._operation_model.name
            for flag, arg in cmd.arg_table.items():
                model = getattr(arg, 'argument_model', None)
                desc = {'kind': type(arg).__name__}
                if getattr(arg, '_serialized_name', None):
                    desc['member'] = arg._serialized_name
                if model is not None and getattr(model, 'type_name', None):
                    desc['type'] = model.type_name
                if getattr(arg, '_UNDOCUMENTED', False):
                    desc['hidden'] = True
                if getattr(arg, 'positional_arg', False):
                    desc['positional'] = True
                if getattr(arg, 'required', False):
                    desc['required'] = True
                if getattr(arg, '_action', None) in ('store_true', 'store_false'):
                    desc['switch'] = arg._action
                entry['args'][flag] = desc
        cmds[cmd_name] = entry
    out[svc_name] = cmds
json.dump(out, sys.stdout, sort_keys=True)
