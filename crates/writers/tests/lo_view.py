"""Opens a spreadsheet in LibreOffice and prints what only a view shows, one line per sheet:

    name <TAB> frozen rows <TAB> height of rows 1-3 (1/100 mm)

`soffice --convert-to` loads a file without a view, and LibreOffice then writes no frozen panes
into what it converts, so the frozen header can only be read through UNO, from a (hidden) view.
Run with Debian's python3, which has the `uno` module (package python3-uno):

    /usr/bin/python3 lo_view.py FILE PROFILE_URL
"""

import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def connect(pipe, office):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if office.poll() is not None:
                sys.exit(f"soffice exited with status {office.returncode} before accepting")
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def main(path, profile):
    pipe = f"zrz-writers-{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--invisible",
         "--norestore", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        ctx = connect(pipe, office)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        hidden = PropertyValue()
        hidden.Name, hidden.Value = "Hidden", True
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (hidden,))
        view = doc.getCurrentController()
        for i in range(doc.Sheets.Count):
            sheet = doc.Sheets.getByIndex(i)
            view.setActiveSheet(sheet)
            frozen = view.getSplitRow() if view.hasFrozenPanes() else 0
            heights = ",".join(str(sheet.Rows.getByIndex(r).Height) for r in range(3))
            print(sheet.Name, frozen, heights, sep="\t")
        doc.close(True)
        desktop.terminate()
        office.wait(timeout=60)
    finally:
        if office.poll() is None:
            office.kill()
            office.wait()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
